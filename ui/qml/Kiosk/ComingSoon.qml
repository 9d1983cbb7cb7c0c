import QtQuick
import QtQuick.Layouts
import Kiosk

// A screen whose kiosk flow is not there yet: says so plainly and hands off to the phone.
ColumnLayout {
    id: root
    property string title
    property string body
    property string link
    spacing: Theme.gap6

    Text {
        Layout.fillWidth: true
        text: root.title
        wrapMode: Text.WordWrap
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.title
        font.weight: Theme.bold
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }
    GridLayout {
        Layout.fillWidth: true
        columns: Theme.portrait ? 1 : 2
        columnSpacing: Theme.gap8
        rowSpacing: Theme.gap6
        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap4
            Text {
                Layout.fillWidth: true
                text: root.body
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.subheading
                font.weight: Theme.medium
                lineHeight: 1.2
            }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: tip.implicitHeight + 2 * Theme.gap4
                radius: Theme.radius
                color: Theme.subtleBackground
                Text {
                    id: tip
                    anchors.fill: parent
                    anchors.margins: Theme.gap4
                    text: qsTr("Besoin d'aide ? L'équipe de l'accueil peut t'accompagner.")
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    font.weight: Theme.medium
                }
            }
        }
        ColumnLayout {
            Layout.alignment: Theme.portrait ? Qt.AlignHCenter : Qt.AlignTop
            spacing: Theme.gap3
            QrCode {
                objectName: "handoffQrCode"
                Layout.alignment: Qt.AlignHCenter
                link: root.link
                implicitWidth: Theme.px(340)
            }
            Text {
                Layout.alignment: Qt.AlignHCenter
                Layout.maximumWidth: Theme.px(380)
                text: qsTr("Scanne avec l'appareil photo de ton téléphone")
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                color: Theme.subtleText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.semiBold
            }
        }
    }
}
