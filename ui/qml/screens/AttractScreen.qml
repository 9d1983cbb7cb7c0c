import QtQuick
import QtQuick.Layouts
import Kiosk

// Idle screen: slowly moving colour (no burn-in), rotating highlights, "touch to start".
Rectangle {
    id: attract
    objectName: "attractScreen"
    gradient: Gradient {
        orientation: Gradient.Vertical
        GradientStop { position: 0.0; color: Theme.primary }
        GradientStop { position: 1.0; color: Theme.primaryDeep }
    }
    clip: true

    readonly property var highlights: [
        { title: qsTr("Jusqu'à 150 € pour ta culture"),
          body: qsTr("Tu as 17 ou 18 ans ? L'État t'offre un crédit pour tes livres, concerts, places de ciné…") },
        { title: qsTr("15 ou 16 ans ? C'est aussi pour toi"),
          body: qsTr("Crée ton compte et profite des sorties et ateliers gratuits près de chez toi.") },
        { title: qsTr("Tout près d'ici"),
          body: qsTr("Spectacles, musées, librairies, cinémas : découvre ce qui se passe autour de la médiathèque.") },
        { title: qsTr("On t'aide à t'inscrire"),
          body: qsTr("Un·e conseiller·e de l'accueil peut commencer ton inscription avec toi.") }
    ]
    // The pass Culture's messages, each followed by a real event coming up nearby.
    readonly property var slides: {
        var events = attractModel.events
        var list = []
        var count = Math.max(highlights.length, events.length)
        for (var i = 0; i < count; ++i) {
            if (i < highlights.length)
                list.push({ label: "", title: highlights[i].title, body: highlights[i].body })
            if (i < events.length)
                list.push({
                    label: qsTr("Bientôt près d'ici"),
                    title: events[i].name,
                    body: events[i].venue + " · " + events[i].when + " · "
                          + (events[i].free ? qsTr("Gratuit") : events[i].price)
                })
        }
        return list
    }
    property int current: 0
    readonly property var slide: slides[current % slides.length]

    // Two soft discs drifting across the screen so no pixel stays the same colour for long.
    Repeater {
        model: 2
        Rectangle {
            required property int index
            width: Theme.px(900 + index * 300); height: width
            radius: width / 2
            color: index === 0 ? "#1FFFFFFF" : "#14C1A3FF"
            SequentialAnimation on x {
                loops: Animation.Infinite
                NumberAnimation { from: -Theme.px(400); to: attract.width - Theme.px(500)
                                  duration: 41000 + index * 13000; easing.type: Easing.InOutSine }
                NumberAnimation { to: -Theme.px(400)
                                  duration: 41000 + index * 13000; easing.type: Easing.InOutSine }
            }
            SequentialAnimation on y {
                loops: Animation.Infinite
                NumberAnimation { from: attract.height - Theme.px(500); to: -Theme.px(300)
                                  duration: 29000 + index * 7000; easing.type: Easing.InOutSine }
                NumberAnimation { to: attract.height - Theme.px(500)
                                  duration: 29000 + index * 7000; easing.type: Easing.InOutSine }
            }
        }
    }

    Wordmark {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.margin
        color: Theme.inkOnPrimary
        size: Theme.heading
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(1400))
        spacing: Theme.gap4

        Rectangle {
            objectName: "highlightLabel"
            visible: attract.slide.label !== ""
            Layout.alignment: Qt.AlignHCenter
            implicitWidth: labelText.implicitWidth + 2 * Theme.gap3
            implicitHeight: labelText.implicitHeight + Theme.gap2
            radius: height / 2
            color: Theme.inkOnPrimary
            Text {
                id: labelText
                anchors.centerIn: parent
                text: attract.slide.label
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Theme.caption
                font.weight: Theme.bold
            }
        }
        Text {
            objectName: "highlightTitle"
            Layout.fillWidth: true
            text: attract.slide.title
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: Theme.inkOnPrimary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.display
            font.weight: Theme.bold
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.px(1100)
            Layout.alignment: Qt.AlignHCenter
            text: attract.slide.body
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            color: Theme.inkOnPrimarySubtle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.subheading
            font.weight: Theme.medium
            lineHeight: 1.2
        }
        Row {
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.gap3
            spacing: Theme.gap2
            Repeater {
                model: attract.slides.length
                Rectangle {
                    required property int index
                    width: index === attract.current % attract.slides.length ? Theme.px(48) : Theme.px(16)
                    height: Theme.px(16)
                    radius: height / 2
                    color: index === attract.current % attract.slides.length ? Theme.inkOnPrimary : Qt.alpha(Theme.inkOnPrimary, 0.5)
                    Behavior on width { NumberAnimation { duration: 250 } }
                }
            }
        }
    }

    Rectangle {
        id: startPill
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.gap8 * (Theme.portrait ? 2 : 1.25)
        width: startLabel.implicitWidth + Theme.gap8 * 2
        height: Theme.px(112)
        radius: height / 2
        color: Theme.background
        SequentialAnimation on scale {
            loops: Animation.Infinite
            NumberAnimation { to: 1.05; duration: 1100; easing.type: Easing.InOutQuad }
            NumberAnimation { to: 1.0; duration: 1100; easing.type: Easing.InOutQuad }
        }
        Text {
            id: startLabel
            anchors.centerIn: parent
            text: qsTr("Touche l'écran pour commencer")
            color: Theme.primary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.heading
            font.weight: Theme.bold
        }
    }

    Timer {
        interval: kiosk.attractInterval
        running: true
        repeat: true
        onTriggered: attract.current = (attract.current + 1) % attract.slides.length
    }

    // Above the start area, so that accessibility can be set before the first screen.
    IconButton {
        objectName: "attractAccessibilityButton"
        z: 2
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        iconName: "accessibility"
        label: qsTr("Accessibilité : taille du texte, contraste, écran plus bas")
        onClicked: {
            navigation.home()
            Overlays.accessibilityOpen = true
        }
    }

    // The whole screen is one big button.
    MouseArea {
        objectName: "startArea"
        anchors.fill: parent
        Accessible.role: Accessible.Button
        Accessible.name: startLabel.text
        activeFocusOnTab: true
        onClicked: navigation.home()
        Keys.onReturnPressed: navigation.home()
        Keys.onSpacePressed: navigation.home()
    }
}
