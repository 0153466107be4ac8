namespace MultiModal.Matching.Demo.Scenario.Catalogue;

/// <summary>
/// Synthesises an item's short sound (notes of one pitch and timbre in a rhythm) and the degraded
/// recording a shopper would make of it (delayed, louder or softer, noisy).
/// </summary>
public static class SoundSynthesizer
{
    /// <summary>Samples per second of every sound.</summary>
    public const int SampleRate = 16_000;

    /// <summary>Samples in every sound (0.6 s).</summary>
    public const int Length = SampleRate * 6 / 10;

    /// <summary>Synthesises the item's sound. Detune, tempo and loudness vary per item.</summary>
    /// <param name="traits">The item's hidden attributes.</param>
    /// <param name="random">The generator's random source.</param>
    /// <returns><see cref="Length"/> mono samples in [−1, 1] at <see cref="SampleRate"/> Hz.</returns>
    public static float[] Synthesize(in ItemTraits traits, Random random)
    {
        double f0 = Vocabulary.PitchesHz[traits.Pitch] * (1 + (random.NextDouble() - 0.5) * 0.03);
        double tempo = 0.9 + random.NextDouble() * 0.2;
        double loudness = 0.7 + random.NextDouble() * 0.1;
        (double Ratio, double Amplitude)[] partials = Partials(traits.Timbre);
        double norm = 0;
        foreach (var (_, a) in partials)
        {
            norm += a;
        }

        float[] samples = new float[Length];
        foreach (var (start, duration) in Notes(traits.Rhythm))
        {
            int first = (int)(start * tempo * Length);
            int count = Math.Min((int)(duration * tempo * Length), Length - first);
            foreach (var (ratio, amplitude) in partials)
            {
                // sin(n·w) by the two-term recurrence: one multiply-add per sample instead of a Math.Sin.
                double w = 2 * Math.PI * f0 * ratio / SampleRate, twoCos = 2 * Math.Cos(w);
                double previous = -Math.Sin(w), current = 0;
                double scale = loudness * amplitude / norm;
                for (int i = 0; i < count; i++)
                {
                    samples[first + i] += (float)(scale * Envelope(i, count, traits.Timbre) * current);
                    double next = twoCos * current - previous;
                    previous = current;
                    current = next;
                }
            }
        }

        return samples;
    }

    /// <summary>A degraded copy: delayed by up to <paramref name="maxShiftSeconds"/>, rescaled, with white noise.</summary>
    /// <param name="sound">The item's sound.</param>
    /// <param name="random">The generator's random source.</param>
    /// <param name="maxShiftSeconds">The largest delay.</param>
    /// <param name="snrDb">The signal-to-noise ratio of the added noise, in decibels.</param>
    /// <returns>A new sound of the same length.</returns>
    public static float[] Degrade(float[] sound, Random random, double maxShiftSeconds, double snrDb)
    {
        int shift = random.Next((int)(maxShiftSeconds * SampleRate) + 1);
        double gain = 0.85 + random.NextDouble() * 0.3;
        double power = 0;
        foreach (float s in sound)
        {
            power += s * s;
        }

        double noiseRms = Math.Sqrt(power / sound.Length / Math.Pow(10, snrDb / 10));
        float[] result = new float[sound.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double source = i >= shift ? sound[i - shift] : 0;
            result[i] = (float)Math.Clamp(gain * (source + Noise.Gaussian(random) * noiseRms), -1, 1);
        }

        return result;
    }

    private static (double Ratio, double Amplitude)[] Partials(Timbre timbre) => timbre switch
    {
        Timbre.Hollow => [(1, 1), (3, 0.55), (5, 0.35), (7, 0.2)],
        Timbre.Bright => [(1, 1), (2, 0.5), (3, 0.33), (4, 0.25), (5, 0.2), (6, 0.17), (7, 0.14), (8, 0.12)],
        Timbre.Bell => [(1, 1), (2.76, 0.6), (5.4, 0.4), (8.93, 0.25)],
        _ => [(1, 1)],
    };

    /// <summary>Note onsets and durations as fractions of the sound's length.</summary>
    private static (double Start, double Duration)[] Notes(Rhythm rhythm) => rhythm switch
    {
        Rhythm.TwoBeats => [(0.05, 0.35), (0.5, 0.35)],
        Rhythm.FourBeats => [(0.05, 0.15), (0.28, 0.15), (0.51, 0.15), (0.74, 0.15)],
        Rhythm.LongShort => [(0.05, 0.55), (0.7, 0.18)],
        _ => [(0.05, 0.85)],
    };

    /// <summary>A 10 ms attack and 20 ms release; bells also decay exponentially.</summary>
    private static double Envelope(int i, int count, Timbre timbre)
    {
        const int attack = SampleRate / 100, release = SampleRate / 50;
        double e = Math.Min(1.0, Math.Min((double)i / attack, (double)(count - i) / release));
        return timbre == Timbre.Bell ? e * Math.Exp(-6.0 * i / SampleRate) : e;
    }
}
