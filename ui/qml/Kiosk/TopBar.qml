import QtQuick
import QtQuick.Layouts
import Kiosk

// Brand on the left; language and "Terminer" always within reach on the right.
Rectangle {
    id: bar
    property bool showFinish: true
    implicitHeight: Theme.barHeight
    color: Theme.background

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.gap3
        Wordmark { Layout.alignment: Qt.AlignVCenter }
        Item { Layout.fillWidth: true }
        LanguageSwitch { Layout.alignment: Qt.AlignVCenter }
        KioskButton {
            objectName: "finishButton"
            visible: bar.showFinish
            primary: false
            text: qsTr("Terminer")
            Accessible.description: qsTr("Efface tout ce que tu as saisi et revient à l'accueil")
            onClicked: session.finish()
        }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width; height: Theme.px(2)
        color: Theme.subtleBackground
    }
}
