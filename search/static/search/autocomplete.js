// Progressive enhancement: suggest page titles in the search box's <datalist>.
// Without JavaScript the form is an ordinary GET search.
(function () {
  "use strict";
  document.querySelectorAll("input[data-autocomplete][list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var latest = "";
    if (!list) { return; }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = input.value.trim();
        latest = query;
        if (query.length < 2) { list.replaceChildren(); return; }
        fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (query !== latest) { return; } // a newer request is on its way
            list.replaceChildren.apply(list, data.suggestions.map(function (item) {
              var option = document.createElement("option");
              option.value = item.value;
              return option;
            }));
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  });
})();
