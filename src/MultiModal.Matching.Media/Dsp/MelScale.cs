namespace MultiModal.Matching.Media.Dsp;

/// <summary>How hertz map to mels.</summary>
public enum MelScale
{
    /// <summary>Slaney's Auditory Toolbox scale (librosa's default, Whisper's): linear below 1 kHz (3 mels per 200 Hz), logarithmic above.</summary>
    Slaney,

    /// <summary>The HTK scale: 2595·log10(1 + f/700).</summary>
    Htk,
}

/// <summary>How mel filters are scaled.</summary>
public enum MelNormalization
{
    /// <summary>Peak 1 for every triangle.</summary>
    None,

    /// <summary>Slaney's area normalisation: each triangle scaled by 2/(upper − lower edge in Hz), so filters have equal area (librosa norm="slaney", Whisper).</summary>
    Slaney,
}

/// <summary>Conversions between hertz and mels, matching librosa.hz_to_mel / mel_to_hz.</summary>
public static class MelConversion
{
    private const double SlaneyStep = 200.0 / 3;
    private const double SlaneyLogStartHz = 1000.0;
    private const double SlaneyLogStartMel = SlaneyLogStartHz / SlaneyStep;

    private static readonly double SlaneyLogStep = Math.Log(6.4) / 27.0;

    /// <summary>Hertz to mels.</summary>
    /// <param name="hertz">A frequency in hertz (non-negative).</param>
    /// <param name="scale">The mel scale.</param>
    /// <returns>The mel value.</returns>
    public static double HertzToMel(double hertz, MelScale scale)
    {
        if (scale == MelScale.Htk)
        {
            return 2595.0 * Math.Log10(1.0 + (hertz / 700.0));
        }

        return hertz >= SlaneyLogStartHz
            ? SlaneyLogStartMel + (Math.Log(hertz / SlaneyLogStartHz) / SlaneyLogStep)
            : hertz / SlaneyStep;
    }

    /// <summary>Mels to hertz.</summary>
    /// <param name="mel">A mel value (non-negative).</param>
    /// <param name="scale">The mel scale.</param>
    /// <returns>The frequency in hertz.</returns>
    public static double MelToHertz(double mel, MelScale scale)
    {
        if (scale == MelScale.Htk)
        {
            return 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
        }

        return mel >= SlaneyLogStartMel
            ? SlaneyLogStartHz * Math.Exp(SlaneyLogStep * (mel - SlaneyLogStartMel))
            : SlaneyStep * mel;
    }
}
