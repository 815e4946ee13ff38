"""A row of any model, filled in the plainest valid way, with a canary in every free-text
field: how the data-rights tests reach every model without a factory for each."""

import datetime
import json
import uuid
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.utils import timezone

from between.accounts.models import User
from between.lib.fields import EncryptedTextField


def canary(model, field) -> str:
    return f"canary-{model._meta.label_lower}-{field.name}-{uuid.uuid4().hex[:8]}"


def fill(model, client: User, clinician: User, made: dict, canaries: dict):
    """Create one row of `model` for `client`. `made` caches parents; `canaries` collects
    {canary: "app.Model.field"}."""
    if model in made:
        return made[model]
    obj = model()
    for field in model._meta.concrete_fields:
        if field.primary_key or field.auto_created:
            continue
        if field.is_relation:
            if field.related_model is User:
                person = clinician if field.name in ("clinician", "author") else client
                setattr(obj, field.attname, person.pk)
            elif not field.null:
                setattr(obj, field.attname, fill(field.related_model, client, clinician, made,
                                                 canaries).pk)
            continue
        if isinstance(field, EncryptedTextField):
            text = canary(model, field)
            canaries[text] = f"{model._meta.label}.{field.name}"
            if model._meta.label == "rights.Archive":
                text = json.dumps({"records": {"care.Message": [{"body": text}]}})
            setattr(obj, field.attname, text)
            continue
        if field.has_default() or field.null or field.blank:
            continue
        setattr(obj, field.attname, _plain_value(field))
    obj.save()
    made[model] = obj
    return obj


def _plain_value(field):
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date(2026, 11, 2)
    if isinstance(field, models.DecimalField):
        return Decimal("7.5")
    if isinstance(field, (models.IntegerField, models.FloatField)):
        return 1
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.SlugField):
        return "a-slug"
    return "x"


def text_models():
    """Every model with a free-text field, as (model, [field names])."""
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            yield model, names
