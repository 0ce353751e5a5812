from ethicsdesk import create_app

app = create_app()
