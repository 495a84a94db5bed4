// Resumable uploads for large documents (plans): each file chosen is sent in pieces over the
// tus endpoints of /api/v1/uploads, each piece with its SHA-256; a dropped connection resumes
// from the last byte the server stored, even after the page is reloaded. The form then names
// the finished upload instead of sending the file again. Without JavaScript, or where the
// browser lacks what this needs, the plain file field sends the file with the form.
(function () {
  "use strict";
  var PIECE = 1024 * 1024;
  var form = document.querySelector("form[data-uploads]");
  if (!form || !window.fetch || !window.crypto || !crypto.subtle || !window.Blob) return;
  var endpoint = form.getAttribute("data-uploads");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var texts = JSON.parse(document.getElementById("upload-texts").textContent);
  // One file at a time: a poor connection is not shared between several.
  var queue = Promise.resolve();

  function headers(extra) {
    var all = { "Tus-Resumable": "1.0.0", "X-CSRFToken": csrf };
    for (var key in extra) all[key] = extra[key];
    return all;
  }

  function base64(buffer) {
    var bytes = new Uint8Array(buffer), text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text);
  }

  function wait(ms) {
    return new Promise(function (done) { setTimeout(done, ms); });
  }

  function fileKey(file) {
    return "idara-upload:" + [file.name, file.size, file.lastModified].join(":");
  }

  async function create(file) {
    var name = btoa(unescape(encodeURIComponent(file.name)));
    var response = await fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: headers({ "Upload-Length": String(file.size), "Upload-Metadata": "filename " + name }),
    });
    if (response.status !== 201) throw new Error("refused");
    return response.headers.get("Location");
  }

  async function offsetOf(location) {
    var response = await fetch(location, { method: "HEAD", credentials: "same-origin", headers: headers({}) });
    if (response.status !== 200) return null;  // unknown or removed: start again
    return parseInt(response.headers.get("Upload-Offset"), 10);
  }

  async function sendPiece(location, file, offset) {
    var piece = await file.slice(offset, offset + PIECE).arrayBuffer();
    var digest = await crypto.subtle.digest("SHA-256", piece);
    var response = await fetch(location, {
      method: "PATCH",
      credentials: "same-origin",
      headers: headers({
        "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": String(offset),
        "Upload-Checksum": "sha256 " + base64(digest),
      }),
      body: piece,
    });
    if (response.status === 204) return parseInt(response.headers.get("Upload-Offset"), 10);
    if (response.status >= 400 && response.status < 500 && response.status !== 409 && response.status !== 460) {
      var body = await response.json().catch(function () { return {}; });
      var refused = new Error((body.error && body.error.message) || texts.refused);
      refused.final = true;
      throw refused;
    }
    throw new Error("retry");
  }

  async function upload(file, show) {
    var key = fileKey(file);
    var location = localStorage.getItem(key);
    var offset = location ? await offsetOf(location).catch(function () { return null; }) : null;
    if (offset === null) {
      location = await create(file);
      localStorage.setItem(key, location);
      offset = 0;
    }
    var pause = 1000;
    while (offset < file.size) {
      show(offset, file.size, "");
      try {
        offset = await sendPiece(location, file, offset);
        pause = 1000;
      } catch (error) {
        if (error.final) throw error;
        show(offset, file.size, texts.resuming);
        await wait(pause);
        pause = Math.min(pause * 2, 30000);
        var stored = await offsetOf(location).catch(function () { return null; });
        if (stored !== null) offset = stored;
      }
    }
    localStorage.removeItem(key);
    return location.split("/").filter(Boolean).pop();
  }

  function watch(input) {
    var code = input.getAttribute("data-resumable");
    var hidden = form.querySelector("input[name='resumed-" + code + "']");
    var status = document.createElement("p");
    status.className = "hint";
    status.setAttribute("role", "status");
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.hidden = true;
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", bar);
    input.addEventListener("change", async function () {
      var file = input.files[0];
      hidden.value = "";
      if (!file) return;
      function show(done, size, note) {
        bar.hidden = false;
        bar.value = Math.floor((100 * done) / size);
        status.textContent = texts.sending + " " + bar.value + " %" + (note ? " " + note : "");
      }
      bar.hidden = false;
      bar.value = 0;
      status.textContent = texts.queued;
      queue = queue.then(async function () {
        try {
          hidden.value = await upload(file, show);
          bar.value = 100;
          status.textContent = file.name + " — " + texts.received;
          input.value = "";  // the form names the upload; the file is not sent twice
        } catch (error) {
          bar.hidden = true;
          status.textContent = error.message === "refused" ? texts.refused : error.message;
        }
      });
    });
  }

  form.querySelectorAll("input[type=file][data-resumable]").forEach(watch);
  form.addEventListener("submit", function (event) {
    var sending = Array.prototype.some.call(form.querySelectorAll("progress"), function (bar) {
      return !bar.hidden && bar.value < 100;
    });
    if (sending && !window.confirm(texts.wait)) event.preventDefault();
  });
})();
