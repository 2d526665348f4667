-- Issue #19 (the catalog under load): the revision of the reference data every signed-in user's
-- catalog shows alike (images, sizes, offers, providers, price lists). A node keeps what it read of
-- them with the revision it read them at, and asks only this one row on each catalog page: the
-- triggers below count every change, whichever code or hand made it, so no node ever shows an older
-- catalog than the database holds. (A foreign key's cascade fires no trigger, but every cascade
-- here starts at a row of these tables, whose own trigger counts it.)
CREATE TABLE reference_revision (
  id       TINYINT NOT NULL PRIMARY KEY,
  revision BIGINT  NOT NULL
);
INSERT INTO reference_revision (id, revision) VALUES (1, 0);

CREATE TRIGGER catalog_image_rev_i AFTER INSERT ON catalog_image FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER catalog_image_rev_u AFTER UPDATE ON catalog_image FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER catalog_image_rev_d AFTER DELETE ON catalog_image FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER catalog_image_offer_rev_i AFTER INSERT ON catalog_image_offer FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER catalog_image_offer_rev_u AFTER UPDATE ON catalog_image_offer FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER catalog_image_offer_rev_d AFTER DELETE ON catalog_image_offer FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER catalog_size_rev_i AFTER INSERT ON catalog_size FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER catalog_size_rev_u AFTER UPDATE ON catalog_size FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER catalog_size_rev_d AFTER DELETE ON catalog_size FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER provider_rev_i AFTER INSERT ON provider FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER provider_rev_u AFTER UPDATE ON provider FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER provider_rev_d AFTER DELETE ON provider FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_rev_i AFTER INSERT ON price_list FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_rev_u AFTER UPDATE ON price_list FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_rev_d AFTER DELETE ON price_list FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_gpu_rev_i AFTER INSERT ON price_list_gpu FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_gpu_rev_u AFTER UPDATE ON price_list_gpu FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_gpu_rev_d AFTER DELETE ON price_list_gpu FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_model_rev_i AFTER INSERT ON price_list_model FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_model_rev_u AFTER UPDATE ON price_list_model FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
CREATE TRIGGER price_list_model_rev_d AFTER DELETE ON price_list_model FOR EACH ROW
  UPDATE reference_revision SET revision = revision + 1 WHERE id = 1;
