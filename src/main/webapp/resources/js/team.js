/*
 * The team page's remove buttons: each row's plain button names its member (data-member) to the
 * page's one "remove" command, whose confirmation PrimeFaces shows; the command sends the name it
 * was given. One listener on the document, so rows redrawn by an update keep working.
 */
(function () {
  'use strict';

  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('button.remove-member[data-member]') : null;
    if (!button) {
      return;
    }
    var chosen = document.getElementById('team:remove-id');
    var command = document.getElementById('team:remove-chosen');
    if (!chosen || !command) {
      return;
    }
    chosen.value = button.getAttribute('data-member');
    command.click();
  });
})();
