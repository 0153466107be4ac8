using System.Diagnostics.CodeAnalysis;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Indexing;

/// <summary>The argument checks every index applies at its public door, with the same messages.</summary>
internal static class VectorArguments
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the vector has <paramref name="dimension"/> finite components.</summary>
    public static void ThrowIfInvalid(ReadOnlySpan<float> vector, int dimension, string paramName)
    {
        if (vector.Length != dimension)
        {
            ThrowDimension(vector.Length, dimension, paramName);
        }

        if (!VectorKernels.AllFinite(vector))
        {
            ThrowNotFinite(vector, paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for k &lt; 1 and <see cref="ArgumentException"/> for a short destination.</summary>
    public static void ThrowIfInvalidK(int k, int destinationLength, string destinationName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (destinationLength < k)
        {
            throw new ArgumentException($"The destination holds {destinationLength} results but k is {k}.", destinationName);
        }
    }

    [DoesNotReturn]
    private static void ThrowDimension(int actual, int expected, string paramName) =>
        throw new ArgumentException($"The vector has {actual} components but the index has dimension {expected}.", paramName);

    [DoesNotReturn]
    private static void ThrowNotFinite(ReadOnlySpan<float> vector, string paramName)
    {
        int i = 0;
        while (i < vector.Length && float.IsFinite(vector[i]))
        {
            i++;
        }

        throw new ArgumentException($"Component {i} of the vector is {vector[i]}; every component must be finite.", paramName);
    }
}
