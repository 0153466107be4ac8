namespace MultiModal.Matching.Media.Dsp;

/// <summary>
/// The orthonormal DCT-II (scipy.fftpack.dct(type=2, norm="ortho"), as librosa's MFCC uses), truncated to the
/// first coefficients: c[k] = s(k)·Σₙ x[n]·cos(πk(2n+1)/(2N)), s(0) = √(1/N), s(k) = √(2/N). Immutable, thread-safe.
/// </summary>
internal sealed class Dct
{
    private readonly float[] _basis;

    public Dct(int inputLength, int outputLength)
    {
        InputLength = inputLength;
        OutputLength = outputLength;
        _basis = new float[inputLength * outputLength];
        for (int k = 0; k < outputLength; k++)
        {
            double scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / inputLength);
            for (int n = 0; n < inputLength; n++)
            {
                _basis[(k * inputLength) + n] = (float)(scale * Math.Cos(Math.PI * k * ((2 * n) + 1) / (2.0 * inputLength)));
            }
        }
    }

    public int InputLength { get; }

    public int OutputLength { get; }

    public void Transform(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int k = 0; k < OutputLength; k++)
        {
            output[k] = System.Numerics.Tensors.TensorPrimitives.Dot(_basis.AsSpan(k * InputLength, InputLength), input);
        }
    }
}
