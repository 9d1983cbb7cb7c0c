import QtQuick
import Kiosk

// Outside the venue's opening hours, instead of the attract screen: closed, and when it
// reopens. Touches do nothing; a visit under way at closing time ends as usual first.
Rectangle {
    id: closed
    objectName: "closedScreen"
    color: Theme.primaryDeep

    MouseArea {   // swallow touches: nothing starts while the venue is closed
        objectName: "closedTouchArea"
        anchors.fill: parent
        Accessible.role: Accessible.StaticText
        Accessible.name: title.text
    }
    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.gap4
        Wordmark {
            anchors.horizontalCenter: parent.horizontalCenter
            size: Theme.heading
            color: Theme.inkOnPrimary
        }
        Text {
            id: title
            objectName: "closedTitle"
            width: parent.width
            text: qsTr("La borne se repose : le lieu est fermé.")
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            color: Theme.inkOnPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.weight: Theme.bold
        }
        Text {
            objectName: "closedReopens"
            width: parent.width
            visible: openingHours.reopens !== ""
            text: qsTr("Réouverture %1.").arg(openingHours.reopens)
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            color: Theme.inkOnPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.subheading
            font.weight: Theme.medium
        }
        Text {
            width: parent.width
            text: qsTr("En attendant, tout le pass Culture est dans l'application.")
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            color: Theme.inkOnPrimarySubtle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.weight: Theme.medium
        }
    }
}
