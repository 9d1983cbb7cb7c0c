"""The Qt Quick front end of the kiosk."""

import os

# Noise from Qt's own components, not from the kiosk: QtMultimedia (loaded by text to
# speech and the keyboard's sounds) probes for PipeWire, and Qt 6.11's keyboard word list
# overrides a base property. Qt reads these rules once, at its first log message, which
# can happen while modules load: hence here, before anything imports PySide6.
QUIET_QT_CATEGORIES = (
    "qt.multimedia.symbolsresolver.warning=false",
    "qt.qml.propertyCache.append.warning=false",
)
os.environ["QT_LOGGING_RULES"] = ";".join(
    filter(None, [os.environ.get("QT_LOGGING_RULES"), *QUIET_QT_CATEGORIES])
)
