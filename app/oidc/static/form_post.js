// Submits the form_post authorization response. A static file, so the page
// can keep script-src 'self' and needs no inline script.
document.getElementById("authorization-response").submit();
