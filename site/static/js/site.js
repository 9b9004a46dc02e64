// Progressive enhancements. The site works without them.

// Videos: nothing is loaded from the video service until the reader clicks play.
document.querySelectorAll("[data-video-consent]").forEach((container) => {
    const button = container.querySelector("button");
    button.hidden = false;
    button.addEventListener("click", () => {
        const iframe = document.createElement("iframe");
        iframe.src = container.dataset.embedUrl;
        iframe.title = container.dataset.title;
        iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
        iframe.allowFullscreen = true;
        iframe.className = "video__frame";
        container.replaceChildren(iframe);
        iframe.focus();
    });
});

// Share: copy the story's address.
document.querySelectorAll("[data-copy-button]").forEach((button) => {
    const input = button.parentElement.querySelector("[data-copy-link]");
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
        await navigator.clipboard.writeText(input.value);
        button.textContent = button.dataset.copiedText;
    });
});
