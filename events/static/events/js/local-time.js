// Progressive enhancement for event pages: when the visitor's time zone differs from the
// event's, also show the event's time in the visitor's own zone. Without this script the page
// still says when the event is (in the event's zone, with its abbreviation).
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var language = document.documentElement.lang || undefined;
  var dateAndTime = { year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" };
  var timeAndZone = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };
  var elements = document.querySelectorAll("[data-local-time]");
  Array.prototype.forEach.call(elements, function (element) {
    var start = new Date(element.getAttribute("data-start"));
    var end = new Date(element.getAttribute("data-end"));
    if (!visitorZone || visitorZone === element.getAttribute("data-zone") || isNaN(start) || isNaN(end)) {
      return;
    }
    var sameDay = start.toDateString() === end.toDateString();
    var endOptions = sameDay ? timeAndZone : Object.assign({ timeZoneName: "short" }, dateAndTime);
    element.textContent = element.getAttribute("data-label") + " " +
      new Intl.DateTimeFormat(language, dateAndTime).format(start) + " – " +
      new Intl.DateTimeFormat(language, endOptions).format(end);
    element.hidden = false;
  });
})();
