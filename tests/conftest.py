"""Hooks: tag each test with its layer; report the layers that ran and those skipped."""

from layers import SKIPPED_LAYERS, layer_of


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.user_properties.append(("layer", layer_of(item)))


def pytest_terminal_summary(terminalreporter):
    ran = {}
    for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed"):
        layer = dict(report.user_properties).get("layer")
        if layer and report.when == "call":
            ran[layer] = ran.get(layer, 0) + 1
    terminalreporter.section("test layers")
    for layer in sorted(ran):
        terminalreporter.write_line(f"ran      {layer}: {ran[layer]} tests")
    for layer, reason in sorted(SKIPPED_LAYERS.items()):
        terminalreporter.write_line(f"SKIPPED  {reason}")
