import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// One offer in the results list: picture on the left, the facts on the right.
AbstractButton {
    id: row
    property var offer: ({})
    implicitHeight: Math.max(Theme.px(170), texts.implicitHeight + 2 * Theme.gap2)
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: [offer.name, offer.category, offer.when, offer.venue, offer.distance,
                      offer.free ? qsTr("Gratuit") : offer.price]
                     .filter(function (part) { return part }).join(", ")

    TapVoice { button: row; spoken: row.Accessible.name }

    background: Rectangle {
        color: row.down ? Theme.primarySoftPressed : Theme.background
        border.width: row.visualFocus ? Theme.px(5) : 0
        border.color: Theme.primaryDeep
        radius: Theme.radius
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width; height: Theme.px(2)
            color: Theme.subtleBackground
        }
    }
    contentItem: Item {
        OfferPicture {
            id: thumb
            x: 0
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.px(220); height: Theme.px(140)
            source: row.offer.image || ""
            category: row.offer.category || ""
        }
        Column {
            id: texts
            anchors.left: thumb.right; anchors.leftMargin: Theme.gap3
            anchors.right: pill.left; anchors.rightMargin: Theme.gap2
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.px(4)
            Text {
                width: parent.width
                text: row.offer.category || ""
                elide: Text.ElideRight
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.semiBold
            }
            Text {
                width: parent.width
                text: row.offer.name || ""
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                font.weight: Theme.bold
            }
            Text {
                width: parent.width
                text: [row.offer.when, row.offer.venue].filter(function (p) { return p }).join(" · ")
                elide: Text.ElideRight
                color: Theme.subtleText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.medium
            }
            Text {
                width: parent.width
                visible: text !== ""
                text: row.offer.digital ? qsTr("En ligne") : (row.offer.distance || "")
                elide: Text.ElideRight
                color: Theme.subtleText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.medium
            }
        }
        PricePill {
            id: pill
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            offer: row.offer
        }
    }
}
