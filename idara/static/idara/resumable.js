// Resumable uploads for large documents (plans): each file chosen is sent in pieces over the
// tus endpoints of /api/v1/uploads, each piece with its SHA-256; a dropped connection resumes
// from the last byte the server stored, even after the page is reloaded. The form then names
// the finished upload instead of sending the file again. Without JavaScript, or where the
// browser lacks what this needs, the plain file field sends the file with the form.
(function () {
  "use strict";
  var PIECE = 1024 * 1024;
  // The first piece is small: the server reads the file's kind from it, and refuses a file
  // of another kind before the rest is sent.
  var FIRST_PIECE = 64 * 1024;
  var form = document.querySelector("form[data-uploads]");
  if (!form || !window.fetch || !window.crypto || !crypto.subtle || !window.Blob) return;
  var endpoint = form.getAttribute("data-uploads");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var texts = JSON.parse(document.getElementById("upload-texts").textContent);
  // One file at a time: a poor connection is not shared between several.
  var queue = Promise.resolve();

  function headers(extra) {
    var all = {
      "Tus-Resumable": "1.0.0",
      "X-CSRFToken": csrf,
      "Accept-Language": document.documentElement.lang,  // refusals in the page's language
    };
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

  function encoded(text) {
    return btoa(unescape(encodeURIComponent(text)));
  }

  async function refusal(response) {
    var body = await response.json().catch(function () { return {}; });
    var refused = new Error((body.error && body.error.message) || texts.refused);
    refused.final = true;
    return refused;
  }

  async function create(file, input) {
    // What the document's field accepts: a file too large is refused before a byte is sent.
    var metadata = [
      "filename " + encoded(file.name),
      "types " + encoded(input.getAttribute("accept") || ""),
      "maxsize " + encoded(input.getAttribute("data-max-mb") || ""),
    ].join(",");
    var response = await fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: headers({ "Upload-Length": String(file.size), "Upload-Metadata": metadata }),
    });
    if (response.status !== 201) throw await refusal(response);
    return response.headers.get("Location");
  }

  async function offsetOf(location) {
    var response = await fetch(location, { method: "HEAD", credentials: "same-origin", headers: headers({}) });
    if (response.status !== 200) return null;  // unknown or removed: start again
    return parseInt(response.headers.get("Upload-Offset"), 10);
  }

  async function sendPiece(location, file, offset) {
    var piece = await file.slice(offset, offset + (offset === 0 ? FIRST_PIECE : PIECE)).arrayBuffer();
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
      throw await refusal(response);
    }
    throw new Error("retry");
  }

  async function upload(file, input, show) {
    var key = fileKey(file);
    var location = localStorage.getItem(key);
    var offset = location ? await offsetOf(location).catch(function () { return null; }) : null;
    if (offset === null) {
      location = await create(file, input);
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
        if (error.final) {
          localStorage.removeItem(key);
          throw error;
        }
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
      status.className = "hint";
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
          hidden.value = await upload(file, input, show);
          bar.value = 100;
          status.textContent = file.name + " — " + texts.received;
          input.value = "";  // the form names the upload; the file is not sent twice
        } catch (error) {
          bar.hidden = true;
          status.className = "error";
          status.textContent = file.name + " — " + (error.final ? error.message : texts.refused);
          input.value = "";  // refused: the form does not send it
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
