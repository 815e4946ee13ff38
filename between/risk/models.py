from django.db import models


class RiskLevel(models.TextChoices):
    NONE = "none", "None"
    DISTRESS = "distress", "Distress"
    IDEATION = "ideation", "Ideation"
    URGENT = "urgent", "Urgent"


class Screened(models.Model):
    """Fields every screened piece of free text carries: the level and the categories.
    The evidence itself is never stored beside them, and never logged."""

    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices,
                                  default=RiskLevel.NONE)
    risk_categories = models.JSONField(default=list, blank=True)

    # The encrypted fields whose words are screened, through risk.services.screen_writing.
    screened_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def apply_screening(self, screening) -> None:
        self.risk_level = screening.level.label
        self.risk_categories = list(screening.categories)
