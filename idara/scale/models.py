from django.db import models


class BaselineRow(models.Model):
    """What the benchmarks' baseline view inserts: one row, nothing else (idara.scale.views)."""

    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"baseline row {self.pk}"
