using System.Globalization;

namespace MultiModal.Matching.Media.Encoders;

/// <summary>Settings of <see cref="MfccAudioEncoder"/>. Validated when the encoder is built; the encoder keeps a copy.</summary>
public sealed class MfccAudioEncoderOptions
{
    /// <summary>The rate every clip is resampled to before analysis (default 16000 Hz).</summary>
    public int SampleRate { get; set; } = 16000;

    /// <summary>FFT length and frame size in samples (default 512: 32 ms at 16 kHz).</summary>
    public int FftSize { get; set; } = 512;

    /// <summary>Samples between frames (default 160: 10 ms at 16 kHz).</summary>
    public int HopLength { get; set; } = 160;

    /// <summary>Mel filters (default 40).</summary>
    public int MelCount { get; set; } = 40;

    /// <summary>Cepstral coefficients per frame (default 13); the output has 6 × this + 8 dimensions.</summary>
    public int CoefficientCount { get; set; } = 13;

    /// <summary>Delta window in frames, odd, at least 3 (default 9, as librosa).</summary>
    public int DeltaWidth { get; set; } = 9;

    /// <summary>Returns a copy.</summary>
    /// <returns>The copy.</returns>
    public MfccAudioEncoderOptions Clone() => (MfccAudioEncoderOptions)MemberwiseClone();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleRate, 1000, nameof(SampleRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SampleRate, 192000, nameof(SampleRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(FftSize, 16, nameof(FftSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FftSize, 1 << 16, nameof(FftSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(HopLength, 1, nameof(HopLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MelCount, 1, nameof(MelCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MelCount, FftSize / 2, nameof(MelCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(CoefficientCount, 1, nameof(CoefficientCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CoefficientCount, MelCount, nameof(CoefficientCount));
        if (DeltaWidth < 3 || DeltaWidth % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DeltaWidth), DeltaWidth, "The delta width must be odd and at least 3.");
        }
    }

    internal string Canonical() => string.Create(CultureInfo.InvariantCulture,
        $"sr={SampleRate};fft={FftSize};hop={HopLength};mels={MelCount};mfcc={CoefficientCount};delta={DeltaWidth}");
}
