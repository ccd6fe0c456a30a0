// kube-apidocs flashcards: multiple-choice cards from the page's JSON
// (#cards-data), shuffled on every start, with a score and an "again"
// pile of missed cards kept in localStorage. No network: it works from
// file://. It never writes HTML strings: the card is built with
// textContent. Words come from the data attributes of #flashcards, where
// {n} and {m} stand for numbers or the answer.
(function () {
  "use strict";
  var box = document.getElementById("flashcards");
  var data = document.getElementById("cards-data");
  if (!box || !data) { return; }
  var cards = JSON.parse(data.textContent);
  var byId = {};
  cards.forEach(function (c) { byId[c.id] = c; });
  var key = box.getAttribute("data-storage") || "kube-apidocs-again";
  var root = document.body.getAttribute("data-root") || "";
  var el = function (id) { return document.getElementById(id); };
  var deck = [], pos = 0, right = 0, answered = 0, current = null, done = false;

  function words(name, n, m) {
    return (box.getAttribute("data-" + name) || "").replace("{n}", String(n)).replace("{m}", String(m));
  }

  function pile() {
    try {
      var ids = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return byId[id]; }) : [];
    } catch (e) { return []; }
  }

  function savePile(ids) {
    try { localStorage.setItem(key, JSON.stringify(ids)); } catch (e) { /* private mode: the pile lasts the visit */ }
    el("card-pile").textContent = words("pile", ids.length, 0);
  }

  function shuffle(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  function start(list) {
    deck = shuffle(list); pos = 0; right = 0; answered = 0;
    el("card-score").textContent = "";
    if (deck.length === 0) {
      current = null; box.removeAttribute("data-current");
      el("card-question").textContent = words("empty", 0, 0);
      el("card-options").replaceChildren();
      el("card-progress").textContent = ""; el("card-result").textContent = "";
      return;
    }
    show();
  }

  function show() {
    current = deck[pos]; done = false;
    box.setAttribute("data-current", current.id);
    el("card-progress").textContent = words("progress", pos + 1, deck.length);
    el("card-question").textContent = current.q;
    el("card-result").textContent = "";
    var options = el("card-options");
    options.replaceChildren();
    shuffle(current.o.map(function (_, i) { return i; })).forEach(function (i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "card-option";
      b.setAttribute("data-option", String(i));
      b.textContent = current.o[i];
      b.addEventListener("click", function () { answer(i, b); });
      options.appendChild(b);
    });
  }

  function answer(i, button) {
    if (done || !current) { return; }
    done = true; answered++;
    var ids = pile().filter(function (id) { return id !== current.id; });
    var ok = i === current.a;
    if (ok) {
      right++;
      el("card-result").textContent = words("right", 0, 0);
    } else {
      ids.push(current.id);
      el("card-result").textContent = words("wrong", current.o[current.a], 0);
    }
    savePile(ids);
    var link = document.createElement("a");
    link.href = root + current.p;
    link.textContent = words("page", 0, 0);
    el("card-result").appendChild(document.createTextNode(" "));
    el("card-result").appendChild(link);
    el("card-options").querySelectorAll("button").forEach(function (b) {
      b.disabled = true;
      var n = Number(b.getAttribute("data-option"));
      if (n === current.a) { b.classList.add("right"); } else if (b === button) { b.classList.add("wrong"); }
    });
    el("card-score").textContent = words("score", right, answered);
  }

  function next() {
    if (!current) { return; }
    if (pos + 1 < deck.length) { pos++; show(); return; }
    current = null; box.removeAttribute("data-current");
    el("card-question").textContent = words("done", right, answered);
    el("card-options").replaceChildren();
  }

  el("card-next").addEventListener("click", next);
  el("card-all").addEventListener("click", function () { start(cards); });
  el("card-again").addEventListener("click", function () { start(pile().map(function (id) { return byId[id]; })); });
  el("card-reset").addEventListener("click", function () { savePile([]); });
  savePile(pile());
  start(cards);
})();
