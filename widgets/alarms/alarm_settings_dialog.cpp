#include "alarm_settings_dialog.h"

#include "alarm_sound.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace noc {

AlarmSettingsDialog::AlarmSettingsDialog(AlarmSoundPlayer &player, int lingerMinutes, QWidget *parent)
    : QDialog(parent)
    , m_player(player) {
    setWindowTitle(tr("Alarm settings"));
    auto *form = new QFormLayout;

    m_mute = new QCheckBox(tr("Mute alarm sounds"), this);
    m_mute->setChecked(player.isMuted());
    form->addRow(tr("Sound:"), m_mute);

    m_volume = new QSlider(Qt::Horizontal, this);
    m_volume->setRange(0, 100);
    m_volume->setValue(player.volume());
    m_volume->setMinimumWidth(200);
    auto *volumeRow = new QHBoxLayout;
    volumeRow->addWidget(m_volume, 1);
    auto *critical = new QPushButton(tr("Critical tone"), this);
    auto *major = new QPushButton(tr("Major tone"), this);
    critical->setToolTip(tr("Play the tone of a new critical alarm"));
    major->setToolTip(tr("Play the tone of a new major alarm"));
    volumeRow->addWidget(critical);
    volumeRow->addWidget(major);
    form->addRow(tr("Volume:"), volumeRow);
    if (!player.hasAudioOutput()) {
        auto *note =
            new QLabel(tr("No audio output device: the desktop bell rings instead of the tones."), this);
        note->setWordWrap(true);
        form->addRow(QString(), note);
    }

    m_linger = new QSpinBox(this);
    m_linger->setRange(0, 24 * 60);
    m_linger->setValue(lingerMinutes);
    m_linger->setSuffix(tr(" min"));
    m_linger->setToolTip(tr("0: a cleared alarm leaves the active list at once"));
    form->addRow(tr("Keep cleared alarms in the active list for:"), m_linger);

    connect(m_mute, &QCheckBox::toggled, this, [this](bool on) { m_player.setMuted(on); });
    connect(m_volume, &QSlider::valueChanged, this, [this](int v) { m_player.setVolume(v); });
    connect(critical, &QPushButton::clicked, this, [this] { m_player.play(0); });
    connect(major, &QPushButton::clicked, this, [this] { m_player.play(1); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

int AlarmSettingsDialog::lingerMinutes() const {
    return m_linger->value();
}

} // namespace noc
