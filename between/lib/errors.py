class FieldError(ValueError):
    """Bad input that names the field it is about. The API answers 422 with the name;
    forms attach it to that field."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
