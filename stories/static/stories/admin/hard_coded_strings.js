/*
 * English texts the admin's own code writes without gettext, in the user's
 * language: the screen readers' "Search" button of Wagtail's search forms and
 * the "Actions" name of its header buttons, the unlabelled "Locale" filter of
 * its choosers, and wagtail-localize's "<source> to <target> translation"
 * heading and "More actions" button in its translation editor (a React app). The translated texts come
 * from the server (stories/wagtail_hooks.py), so they live in the project's
 * catalogue; tests/browser/test_admin_language.py checks the result.
 */
(() => {
    const data = document.getElementById("hard-coded-admin-strings");
    if (!data) return;
    const strings = JSON.parse(data.textContent);

    function translateWagtailLabels(root) {
        root.querySelectorAll('input[type="submit"][value="Search"]').forEach((input) => {
            input.value = strings.search;
        });
        root.querySelectorAll('nav[aria-label="Actions"]').forEach((nav) => {
            nav.setAttribute("aria-label", strings.actions);
        });
        root.querySelectorAll("select[data-chooser-modal-search-filter]").forEach((select) => {
            const label = select.id && document.querySelector(`label[for="${select.id}"]`);
            if (select.name === "locale" && label && label.textContent.trim() === "Locale") {
                label.textContent = strings.locale;
            }
        });
    }

    function translateEditorTexts(root) {
        const editor = document.querySelector(".js-translation-editor[data-props]");
        if (!editor) return;
        const props = JSON.parse(editor.dataset.props);
        const source = props.sourceLocale.displayName;
        const target = props.locale.displayName;
        const replacements = new Map([
            [
                `${source} to ${target} translation`,
                strings.translation_heading
                    .replace("%(source)s", source)
                    .replace("%(target)s", target),
            ],
            ["More actions", strings.more_actions],
        ]);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const translated = replacements.get(node.data.trim());
            if (translated) node.data = translated;
        }
    }

    function translate(root) {
        translateWagtailLabels(root);
        translateEditorTexts(root);
    }

    const start = () => {
        translate(document.body);
        // React renders the translation editor after the page has loaded.
        new MutationObserver((changes) => {
            changes.forEach((change) => change.addedNodes.forEach((node) => {
                if (node.nodeType === Node.ELEMENT_NODE) translate(node);
            }));
        }).observe(document.body, { childList: true, subtree: true });
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
