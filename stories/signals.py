"""Keep tips in step with the stories made from them."""

from wagtail.log_actions import log

from stories.tips.admin import STATUS_CHANGED


def mark_tips_published(sender, instance, revision=None, **kwargs):
    """Publishing a story made from a tip sets the tip to "published"."""
    from stories.models import Tip

    for tip in Tip.objects.filter(story_id=instance.pk).exclude(
        status=Tip.Status.PUBLISHED
    ):
        previous = tip.status
        tip.status = Tip.Status.PUBLISHED
        tip.save(update_fields=["status", "updated_at"])
        user = getattr(revision, "user", None)
        log(
            instance=tip,
            action=STATUS_CHANGED,
            user=user,
            data={"from": previous, "to": tip.status},
        )
