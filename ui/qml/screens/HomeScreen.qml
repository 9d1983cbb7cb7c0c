import QtQuick
import QtQuick.Layouts
import Kiosk

// Three big choices; one decision on this screen.
Rectangle {
    objectName: "homeScreen"
    color: Theme.subtleBackground

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TopBar { Layout.fillWidth: true }

        // Scrolls only when large text makes the cards taller than the screen.
        ScreenPage {
            id: homePage
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                width: parent.width
                height: Math.max(implicitHeight, homePage.height - 2 * Theme.margin)
                spacing: Theme.gap6

                Text {
                    // Half a landscape screen in low reach: the cards need the room.
                    visible: !(preferences.lowReach && !Theme.portrait)
                    Layout.fillWidth: true
                    text: qsTr("Salut ! Qu'est-ce qu'on fait ?")
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
                    Layout.fillHeight: true
                    columns: Theme.portrait ? 1 : 3
                    columnSpacing: Theme.gap4
                    rowSpacing: Theme.gap4

                    ChoiceCard {
                        objectName: "choiceEligibility"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.preferredWidth: 1
                        Layout.minimumHeight: implicitHeight
                        highlighted: true
                        title: qsTr("Suis-je éligible ?")
                        subtitle: qsTr("Découvre en une minute ce que le pass Culture t'offre.")
                        iconName: "check-circle"
                        onClicked: navigation.go("eligibility")
                    }
                    ChoiceCard {
                        objectName: "choiceOffers"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.preferredWidth: 1
                        Layout.minimumHeight: implicitHeight
                        title: qsTr("Découvrir les offres près d'ici")
                        subtitle: qsTr("Livres, concerts, ciné, expos… autour de toi.")
                        iconName: "map-pin"
                        onClicked: navigation.go("offers")
                    }
                    ChoiceCard {
                        objectName: "choiceAssisted"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.preferredWidth: 1
                        Layout.minimumHeight: implicitHeight
                        title: qsTr("M'inscrire avec un·e conseiller·e")
                        subtitle: qsTr("Quelqu'un de l'équipe t'accompagne pas à pas.")
                        iconName: "people"
                        onClicked: navigation.go("assisted")
                    }
                }

                Text {
                    Layout.fillWidth: true
                    text: qsTr("La borne ne garde rien : touche « Terminer » quand tu as fini.")
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.subtleText
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.caption
                    font.weight: Theme.medium
                }
            }
        }
    }
}
