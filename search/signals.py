"""Keep the search index true to what is published."""

from modelsearch.index import insert_or_update_object


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once publishing has saved its inline relations.

    The save signal indexes a page before its child rows (partners, project
    links, tags) are written; with tasks run immediately, that index would miss
    them. `page_published` comes after everything is saved.
    """
    insert_or_update_object(instance.specific)
