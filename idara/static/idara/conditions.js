// Documents required only for some answers (Law 55-19, LAW.md R1): once the answer is given,
// a document it does not call for is hidden. Without JavaScript each document stays shown,
// with its condition in words; the server decides what is missing either way.
(function () {
  "use strict";
  var form = document.querySelector("form[data-uploads]");
  if (!form) return;
  var documents = form.querySelectorAll("[data-required-when]");

  function answer(name) {
    var field = form.elements[name];
    return field ? field.value : "";
  }

  function update() {
    documents.forEach(function (block) {
      var given = answer(block.getAttribute("data-required-when"));
      var wanted = block.getAttribute("data-required-for").split(" ");
      block.hidden = given !== "" && wanted.indexOf(given) === -1;
    });
  }

  if (documents.length) {
    form.addEventListener("change", update);
    update();
  }
})();
