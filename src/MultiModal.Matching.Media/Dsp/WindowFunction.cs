namespace MultiModal.Matching.Media.Dsp;

/// <summary>Analysis windows for the short-time Fourier transform. All members are thread-safe.</summary>
public static class WindowFunction
{
    /// <summary>
    /// The Hann window 0.5 − 0.5·cos(2πn/D). Periodic (D = length, as torch.hann_window and librosa's STFT
    /// use; what Whisper uses) or symmetric (D = length − 1, as numpy.hanning).
    /// </summary>
    /// <param name="length">The window length (at least 1).</param>
    /// <param name="periodic">True for the periodic form (the default), false for the symmetric form.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
    public static float[] Hann(int length, bool periodic = true) => Cosine(length, periodic, 0.5, 0.5);

    /// <summary>The Hamming window 0.54 − 0.46·cos(2πn/D), periodic or symmetric as for <see cref="Hann"/>.</summary>
    /// <param name="length">The window length (at least 1).</param>
    /// <param name="periodic">True for the periodic form (the default), false for the symmetric form.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
    public static float[] Hamming(int length, bool periodic = true) => Cosine(length, periodic, 0.54, 0.46);

    /// <summary>The rectangular window (all ones).</summary>
    /// <param name="length">The window length (at least 1).</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
    public static float[] Rectangular(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var w = new float[length];
        Array.Fill(w, 1f);
        return w;
    }

    private static float[] Cosine(int length, bool periodic, double a0, double a1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var w = new float[length];
        if (length == 1)
        {
            w[0] = 1;
            return w;
        }

        double d = periodic ? length : length - 1;
        for (int n = 0; n < length; n++)
        {
            w[n] = (float)(a0 - (a1 * Math.Cos(2 * Math.PI * n / d)));
        }

        return w;
    }
}
