namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>What <see cref="OnnxAudioEncoder"/> feeds the model.</summary>
public enum OnnxAudioFeatures
{
    /// <summary>The raw mono waveform: <c>[batch, samples]</c> or <c>[batch, 1, samples]</c>.</summary>
    Waveform = 0,

    /// <summary>
    /// Whisper's log-mel spectrogram (Media's <c>WhisperLogMel</c>: 16 kHz, 400-point STFT, hop 160, Slaney mel,
    /// log10 clamped to max − 8, (x + 4) / 4): <c>[batch, mels, frames]</c>, mel-major.
    /// </summary>
    WhisperLogMel = 1,
}
