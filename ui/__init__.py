"""The Qt Quick front end of the kiosk."""
