from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards and people"
    fixture_file = "03_boards.json"
    fixture_builder = "boards.build.build"
