import QtQuick
import QtQuick.Layouts
import Kiosk

// Brand on the left; reading aloud, accessibility, language and "Terminer" always in reach.
Rectangle {
    id: bar
    property bool showFinish: true
    implicitHeight: Theme.barHeight
    color: Theme.background

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.gap2
        Wordmark {
            Layout.alignment: Qt.AlignVCenter
            size: Theme.px(30)
        }
        Item { Layout.fillWidth: true }
        SessionTools { showFinish: bar.showFinish }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width; height: Theme.px(2)
        color: Theme.subtleBackground
    }
}
