using System.Buffers;
using System.Numerics;

namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// The FFT of a real signal of fixed length N: for even N, one complex FFT of N/2 points on the packed signal
/// (even samples as real parts, odd as imaginary) and a split step; for odd N, a complex FFT of N points.
/// Produces the N/2 + 1 non-negative-frequency bins. Immutable and thread-safe; scratch is pooled.
/// </summary>
internal sealed class RealFft
{
    private readonly FftPlan _plan;
    private readonly Complex[] _split;

    public RealFft(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Length = length;
        bool even = length % 2 == 0 && length >= 2;
        _plan = new FftPlan(even ? length / 2 : length);
        _split = new Complex[even ? (length / 2) + 1 : 0];
        for (int k = 0; k < _split.Length; k++)
        {
            _split[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / length);
        }
    }

    /// <summary>The signal length N.</summary>
    public int Length { get; }

    /// <summary>The number of output bins, N/2 + 1.</summary>
    public int BinCount => (Length / 2) + 1;

    /// <summary>Writes X[0..N/2] of <paramref name="signal"/> (length N) into <paramref name="spectrum"/>.</summary>
    public void Forward(ReadOnlySpan<float> signal, Span<Complex> spectrum)
    {
        System.Diagnostics.Debug.Assert(signal.Length == Length && spectrum.Length >= BinCount);
        int half = _plan.Length;
        Complex[] rented = ArrayPool<Complex>.Shared.Rent(2 * half);
        try
        {
            Span<Complex> z = rented.AsSpan(0, half), scratch = rented.AsSpan(half, half);
            if (_split.Length == 0)
            {
                for (int i = 0; i < half; i++)
                {
                    z[i] = new Complex(signal[i], 0);
                }

                _plan.Forward(z, scratch);
                z[..BinCount].CopyTo(spectrum);
                return;
            }

            for (int i = 0; i < half; i++)
            {
                z[i] = new Complex(signal[2 * i], signal[(2 * i) + 1]);
            }

            _plan.Forward(z, scratch);
            for (int k = 0; k <= half; k++)
            {
                Complex zk = z[k == half ? 0 : k];
                Complex zc = Complex.Conjugate(z[k == 0 ? 0 : half - k]);
                Complex even = 0.5 * (zk + zc);
                Complex diff = 0.5 * (zk - zc);
                var odd = new Complex(diff.Imaginary, -diff.Real); // diff / i
                spectrum[k] = even + (_split[k] * odd);
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(rented);
        }
    }

    /// <summary>Writes |X[k]|² for k = 0..N/2 into <paramref name="power"/>.</summary>
    public void Power(ReadOnlySpan<float> signal, Span<float> power)
    {
        Complex[] rented = ArrayPool<Complex>.Shared.Rent(BinCount);
        try
        {
            Span<Complex> spectrum = rented.AsSpan(0, BinCount);
            Forward(signal, spectrum);
            for (int k = 0; k < spectrum.Length; k++)
            {
                Complex c = spectrum[k];
                power[k] = (float)((c.Real * c.Real) + (c.Imaginary * c.Imaginary));
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(rented);
        }
    }
}
