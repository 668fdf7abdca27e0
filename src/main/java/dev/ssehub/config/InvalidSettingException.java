package dev.ssehub.config;

/** A setting whose value the hub cannot run with; the message names the setting and the fix. */
public final class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(Setting setting, String problem) {
        super(setting.environmentVariable() + " (" + setting.flag() + "): " + problem);
    }
}
