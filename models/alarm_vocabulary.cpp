#include "alarm_vocabulary.h"

#include <QCoreApplication>
#include <QHash>

namespace noc::alarmvocabulary {

namespace {

struct Word {
    const char *code;
    const char *english;
};

// The translation context "AlarmVocabulary": lupdate collects the QT_TRANSLATE_NOOP entries.
const Word kAlarmTypes[] = {
    {"communicationsAlarm", QT_TRANSLATE_NOOP("AlarmVocabulary", "Communications alarm")},
    {"processingErrorAlarm", QT_TRANSLATE_NOOP("AlarmVocabulary", "Processing error alarm")},
    {"environmentalAlarm", QT_TRANSLATE_NOOP("AlarmVocabulary", "Environmental alarm")},
    {"qualityOfServiceAlarm", QT_TRANSLATE_NOOP("AlarmVocabulary", "Quality of service alarm")},
    {"equipmentAlarm", QT_TRANSLATE_NOOP("AlarmVocabulary", "Equipment alarm")},
    {"integrityViolation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Integrity violation")},
    {"operationalViolation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Operational violation")},
    {"physicalViolation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Physical violation")},
    {"securityService", QT_TRANSLATE_NOOP("AlarmVocabulary", "Security service")},
    {"mechanismViolation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Mechanism violation")},
    {"securityServiceOrMechanismViolation",
     QT_TRANSLATE_NOOP("AlarmVocabulary", "Security service or mechanism violation")},
    {"timeDomainViolation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Time domain violation")},
};

const Word kCauses[] = {
    {"lossOfSignal", QT_TRANSLATE_NOOP("AlarmVocabulary", "Loss of signal")},
    {"linkDown", QT_TRANSLATE_NOOP("AlarmVocabulary", "Link down")},
    {"linkFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Link failure")},
    {"degradedSignal", QT_TRANSLATE_NOOP("AlarmVocabulary", "Degraded signal")},
    {"framingError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Framing error")},
    {"lossOfFrame", QT_TRANSLATE_NOOP("AlarmVocabulary", "Loss of frame")},
    {"lossOfPointer", QT_TRANSLATE_NOOP("AlarmVocabulary", "Loss of pointer")},
    {"lossOfMultiFrame", QT_TRANSLATE_NOOP("AlarmVocabulary", "Loss of multiframe")},
    {"aIS", QT_TRANSLATE_NOOP("AlarmVocabulary", "Alarm indication signal (AIS)")},
    {"remoteAlarmInterface", QT_TRANSLATE_NOOP("AlarmVocabulary", "Remote alarm interface")},
    {"excessiveBitErrorRate", QT_TRANSLATE_NOOP("AlarmVocabulary", "Excessive bit error rate")},
    {"pathTraceMismatch", QT_TRANSLATE_NOOP("AlarmVocabulary", "Path trace mismatch")},
    {"payloadTypeMismatch", QT_TRANSLATE_NOOP("AlarmVocabulary", "Payload type mismatch")},
    {"signalLabelMismatch", QT_TRANSLATE_NOOP("AlarmVocabulary", "Signal label mismatch")},
    {"farEndReceiverFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Far end receiver failure")},
    {"transmissionError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Transmission error")},
    {"localNodeTransmissionError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Local node transmission error")},
    {"remoteNodeTransmissionError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Remote node transmission error")},
    {"callSetUpFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Call set-up failure")},
    {"callEstablishmentError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Call establishment error")},
    {"connectionEstablishmentError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Connection establishment error")},
    {"communicationsProtocolError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Communications protocol error")},
    {"communicationsSubsystemFailure",
     QT_TRANSLATE_NOOP("AlarmVocabulary", "Communications subsystem failure")},
    {"routingFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Routing failure")},
    {"invalidMessageReceived", QT_TRANSLATE_NOOP("AlarmVocabulary", "Invalid message received")},
    {"receiveFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Receive failure")},
    {"transmitFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Transmit failure")},
    {"LANError", QT_TRANSLATE_NOOP("AlarmVocabulary", "LAN error")},
    {"DTEDCEInterfaceError", QT_TRANSLATE_NOOP("AlarmVocabulary", "DTE-DCE interface error")},
    {"unavailable", QT_TRANSLATE_NOOP("AlarmVocabulary", "Unavailable")},
    {"thresholdCrossed", QT_TRANSLATE_NOOP("AlarmVocabulary", "Threshold crossed")},
    {"congestion", QT_TRANSLATE_NOOP("AlarmVocabulary", "Congestion")},
    {"bandwidthReduced", QT_TRANSLATE_NOOP("AlarmVocabulary", "Bandwidth reduced")},
    {"performanceDegraded", QT_TRANSLATE_NOOP("AlarmVocabulary", "Performance degraded")},
    {"queueSizeExceeded", QT_TRANSLATE_NOOP("AlarmVocabulary", "Queue size exceeded")},
    {"responseTimeExcessive", QT_TRANSLATE_NOOP("AlarmVocabulary", "Excessive response time")},
    {"excessiveResponseTime", QT_TRANSLATE_NOOP("AlarmVocabulary", "Excessive response time")},
    {"retransmissionRateExcessive", QT_TRANSLATE_NOOP("AlarmVocabulary", "Excessive retransmission rate")},
    {"excessiveRetransmissionRate", QT_TRANSLATE_NOOP("AlarmVocabulary", "Excessive retransmission rate")},
    {"excessiveErrorRate", QT_TRANSLATE_NOOP("AlarmVocabulary", "Excessive error rate")},
    {"reducedLoggingCapability", QT_TRANSLATE_NOOP("AlarmVocabulary", "Reduced logging capability")},
    {"systemResourcesOverload", QT_TRANSLATE_NOOP("AlarmVocabulary", "System resources overload")},
    {"resourceAtOrNearingCapacity", QT_TRANSLATE_NOOP("AlarmVocabulary", "Resource at or nearing capacity")},
    {"softwareError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Software error")},
    {"softwareProgramError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Software program error")},
    {"softwareProgramAbnormallyTerminated",
     QT_TRANSLATE_NOOP("AlarmVocabulary", "Software program abnormally terminated")},
    {"storageCapacityProblem", QT_TRANSLATE_NOOP("AlarmVocabulary", "Storage capacity problem")},
    {"versionMismatch", QT_TRANSLATE_NOOP("AlarmVocabulary", "Version mismatch")},
    {"corruptData", QT_TRANSLATE_NOOP("AlarmVocabulary", "Corrupt data")},
    {"cpuCyclesLimitExceeded", QT_TRANSLATE_NOOP("AlarmVocabulary", "CPU cycles limit exceeded")},
    {"fileError", QT_TRANSLATE_NOOP("AlarmVocabulary", "File error")},
    {"outOfMemory", QT_TRANSLATE_NOOP("AlarmVocabulary", "Out of memory")},
    {"underlyingResourceUnavailable",
     QT_TRANSLATE_NOOP("AlarmVocabulary", "Underlying resource unavailable")},
    {"applicationSubsystemFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Application subsystem failure")},
    {"configurationOrCustomizationError",
     QT_TRANSLATE_NOOP("AlarmVocabulary", "Configuration or customization error")},
    {"databaseInconsistency", QT_TRANSLATE_NOOP("AlarmVocabulary", "Database inconsistency")},
    {"timeoutExpired", QT_TRANSLATE_NOOP("AlarmVocabulary", "Timeout expired")},
    {"softwareDownloadFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Software download failure")},
    {"equipmentMalfunction", QT_TRANSLATE_NOOP("AlarmVocabulary", "Equipment malfunction")},
    {"powerProblem", QT_TRANSLATE_NOOP("AlarmVocabulary", "Power problem")},
    {"powerSupplyFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Power supply failure")},
    {"timingProblem", QT_TRANSLATE_NOOP("AlarmVocabulary", "Timing problem")},
    {"processorProblem", QT_TRANSLATE_NOOP("AlarmVocabulary", "Processor problem")},
    {"fanFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Fan failure")},
    {"coolingFanFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Cooling fan failure")},
    {"receiverFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Receiver failure")},
    {"transmitterFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Transmitter failure")},
    {"multiplexerProblem", QT_TRANSLATE_NOOP("AlarmVocabulary", "Multiplexer problem")},
    {"lineCardProblem", QT_TRANSLATE_NOOP("AlarmVocabulary", "Line card problem")},
    {"backplaneFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Backplane failure")},
    {"replaceableUnitMissing", QT_TRANSLATE_NOOP("AlarmVocabulary", "Replaceable unit missing")},
    {"replaceableUnitProblem", QT_TRANSLATE_NOOP("AlarmVocabulary", "Replaceable unit problem")},
    {"replaceableUnitTypeMismatch", QT_TRANSLATE_NOOP("AlarmVocabulary", "Replaceable unit type mismatch")},
    {"protectionPathFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Protection path failure")},
    {"lossOfSynchronisation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Loss of synchronisation")},
    {"lossOfSynchronization", QT_TRANSLATE_NOOP("AlarmVocabulary", "Loss of synchronisation")},
    {"lossOfRedundancy", QT_TRANSLATE_NOOP("AlarmVocabulary", "Loss of redundancy")},
    {"diskFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Disk failure")},
    {"adapterError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Adapter error")},
    {"inputOutputDeviceError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Input/output device error")},
    {"inputDeviceError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Input device error")},
    {"outputDeviceError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Output device error")},
    {"datasetOrModemError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Dataset or modem error")},
    {"externalDeviceProblem", QT_TRANSLATE_NOOP("AlarmVocabulary", "External device problem")},
    {"antennaFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Antenna failure")},
    {"batteryChargingFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Battery charging failure")},
    {"realTimeClockFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Real-time clock failure")},
    {"highTemperature", QT_TRANSLATE_NOOP("AlarmVocabulary", "High temperature")},
    {"lowTemperature", QT_TRANSLATE_NOOP("AlarmVocabulary", "Low temperature")},
    {"temperatureUnacceptable", QT_TRANSLATE_NOOP("AlarmVocabulary", "Temperature unacceptable")},
    {"humidityUnacceptable", QT_TRANSLATE_NOOP("AlarmVocabulary", "Humidity unacceptable")},
    {"highHumidity", QT_TRANSLATE_NOOP("AlarmVocabulary", "High humidity")},
    {"lowHumidity", QT_TRANSLATE_NOOP("AlarmVocabulary", "Low humidity")},
    {"heatingVentCoolingSystemProblem",
     QT_TRANSLATE_NOOP("AlarmVocabulary", "Heating, ventilation or cooling system problem")},
    {"airConditioningFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Air conditioning failure")},
    {"fireDetected", QT_TRANSLATE_NOOP("AlarmVocabulary", "Fire detected")},
    {"fire", QT_TRANSLATE_NOOP("AlarmVocabulary", "Fire")},
    {"smoke", QT_TRANSLATE_NOOP("AlarmVocabulary", "Smoke")},
    {"floodDetected", QT_TRANSLATE_NOOP("AlarmVocabulary", "Flood detected")},
    {"flood", QT_TRANSLATE_NOOP("AlarmVocabulary", "Flood")},
    {"toxicLeakDetected", QT_TRANSLATE_NOOP("AlarmVocabulary", "Toxic leak detected")},
    {"toxicGas", QT_TRANSLATE_NOOP("AlarmVocabulary", "Toxic gas")},
    {"explosiveGas", QT_TRANSLATE_NOOP("AlarmVocabulary", "Explosive gas")},
    {"leakDetected", QT_TRANSLATE_NOOP("AlarmVocabulary", "Leak detected")},
    {"pressureUnacceptable", QT_TRANSLATE_NOOP("AlarmVocabulary", "Pressure unacceptable")},
    {"excessiveVibration", QT_TRANSLATE_NOOP("AlarmVocabulary", "Excessive vibration")},
    {"materialSupplyExhausted", QT_TRANSLATE_NOOP("AlarmVocabulary", "Material supply exhausted")},
    {"pumpFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Pump failure")},
    {"enclosureDoorOpen", QT_TRANSLATE_NOOP("AlarmVocabulary", "Enclosure door open")},
    {"intrusionDetection", QT_TRANSLATE_NOOP("AlarmVocabulary", "Intrusion detection")},
    {"commercialPowerFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Commercial power failure")},
    {"batteryDischarging", QT_TRANSLATE_NOOP("AlarmVocabulary", "Battery discharging")},
    {"batteryFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Battery failure")},
    {"lowBatteryThreshold", QT_TRANSLATE_NOOP("AlarmVocabulary", "Low battery threshold")},
    {"rectifierFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Rectifier failure")},
    {"generatorFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Generator failure")},
    {"fuseFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Fuse failure")},
    {"lowFuel", QT_TRANSLATE_NOOP("AlarmVocabulary", "Low fuel")},
    {"authenticationFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Authentication failure")},
    {"breachOfConfidentiality", QT_TRANSLATE_NOOP("AlarmVocabulary", "Breach of confidentiality")},
    {"cableTamper", QT_TRANSLATE_NOOP("AlarmVocabulary", "Cable tamper")},
    {"delayedInformation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Delayed information")},
    {"denialOfService", QT_TRANSLATE_NOOP("AlarmVocabulary", "Denial of service")},
    {"duplicateInformation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Duplicate information")},
    {"informationMissing", QT_TRANSLATE_NOOP("AlarmVocabulary", "Information missing")},
    {"informationModificationDetected",
     QT_TRANSLATE_NOOP("AlarmVocabulary", "Information modification detected")},
    {"informationOutOfSequence", QT_TRANSLATE_NOOP("AlarmVocabulary", "Information out of sequence")},
    {"keyExpired", QT_TRANSLATE_NOOP("AlarmVocabulary", "Key expired")},
    {"nonRepudiationFailure", QT_TRANSLATE_NOOP("AlarmVocabulary", "Non-repudiation failure")},
    {"outOfHoursActivity", QT_TRANSLATE_NOOP("AlarmVocabulary", "Out of hours activity")},
    {"outOfService", QT_TRANSLATE_NOOP("AlarmVocabulary", "Out of service")},
    {"proceduralError", QT_TRANSLATE_NOOP("AlarmVocabulary", "Procedural error")},
    {"unauthorizedAccessAttempt", QT_TRANSLATE_NOOP("AlarmVocabulary", "Unauthorized access attempt")},
    {"unexpectedInformation", QT_TRANSLATE_NOOP("AlarmVocabulary", "Unexpected information")},
    {"unspecifiedReason", QT_TRANSLATE_NOOP("AlarmVocabulary", "Unspecified reason")},
};

// Letters and digits, lower case: "LOSS_OF_SIGNAL", "lossOfSignal" and "loss-of-signal" meet.
QString matchKey(const QString &code) {
    QString key;
    key.reserve(code.size());
    for (const QChar c : code)
        if (c.isLetterOrNumber())
            key += c.toLower();
    return key;
}

template <size_t N> QHash<QString, const char *> buildIndex(const Word (&words)[N]) {
    QHash<QString, const char *> index;
    for (const Word &w : words)
        index.insert(matchKey(QLatin1String(w.code)), w.english);
    return index;
}

const char *findType(const QString &code) {
    static const QHash<QString, const char *> index = buildIndex(kAlarmTypes);
    return index.value(matchKey(code), nullptr);
}

const char *findCause(const QString &code) {
    static const QHash<QString, const char *> index = buildIndex(kCauses);
    return index.value(matchKey(code), nullptr);
}

QString translated(const char *english) {
    return QCoreApplication::translate("AlarmVocabulary", english);
}

} // namespace

QString splitWords(const QString &code) {
    if (code.isEmpty())
        return {};
    QString words;
    if (code.contains(QLatin1Char('_')) || code == code.toUpper()) {
        words = code.toLower().replace(QLatin1Char('_'), QLatin1Char(' '));
    } else {
        // camelCase -> words; runs of capitals (acronyms such as "LOS") stay as they are.
        for (int i = 0; i < code.size(); ++i) {
            const QChar c = code[i];
            const bool upper = c.isUpper();
            const bool prevLower = i > 0 && (code[i - 1].isLower() || code[i - 1].isDigit());
            const bool nextLower = i + 1 < code.size() && code[i + 1].isLower();
            const bool prevUpper = i > 0 && code[i - 1].isUpper();
            if (upper && i > 0 && (prevLower || (prevUpper && nextLower)))
                words += QLatin1Char(' ');
            const bool acronym = upper && ((i + 1 < code.size() && code[i + 1].isUpper()) || prevUpper);
            words += (upper && !acronym) ? c.toLower() : c;
        }
    }
    words[0] = words[0].toUpper();
    return words;
}

QString alarmTypeText(const QString &code) {
    const char *english = findType(code);
    return english ? translated(english) : splitWords(code);
}

QString probableCauseText(const QString &code) {
    const char *english = findCause(code);
    return english ? translated(english) : splitWords(code);
}

QString alarmTypeEnglish(const QString &code) {
    const char *english = findType(code);
    return english ? QString::fromUtf8(english) : splitWords(code);
}

QString probableCauseEnglish(const QString &code) {
    const char *english = findCause(code);
    return english ? QString::fromUtf8(english) : splitWords(code);
}

QStringList alarmTypeCodes() {
    QStringList codes;
    for (const Word &w : kAlarmTypes)
        codes.append(QLatin1String(w.code));
    return codes;
}

} // namespace noc::alarmvocabulary
