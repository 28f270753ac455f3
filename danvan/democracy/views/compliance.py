def compliance_panel(request):
    return None
