/**
 * The catalog: images and sizes offered across the federation, and which template of each provider
 * stands behind an image there. Depends on the platform and on the provider registry's tables
 * (provider names, countries, certifications shown as sovereignty labels).
 */
@Capability(
    uses = {"audit", "cloud", "platform"},
    tables = {"catalog_image", "catalog_image_offer", "catalog_model", "catalog_size"})
package eu.federa.catalog;

import eu.federa.platform.Capability;
