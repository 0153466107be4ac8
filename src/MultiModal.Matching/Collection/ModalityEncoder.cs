using Microsoft.Extensions.AI;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Collection;

/// <summary>A schema's encoder with its input type erased, so items can carry inputs of any modality.</summary>
internal abstract class ModalityEncoder
{
    public abstract Type InputType { get; }

    public abstract EncoderIdentity Identity { get; }

    public abstract int Dimension { get; }

    public abstract bool Accepts(object input);

    /// <summary>Encodes one input synchronously into <paramref name="destination"/> (length <see cref="Dimension"/>).</summary>
    public abstract void Encode(object input, Span<float> destination);

    /// <summary>Encodes inputs synchronously; row i of <paramref name="destination"/> receives input i.</summary>
    public abstract void EncodeBatch(IReadOnlyList<object> inputs, Span<float> destination, CancellationToken cancellationToken);

    /// <summary>Encodes inputs as one batch; row i of <paramref name="destination"/> receives input i.</summary>
    public abstract Task EncodeAsync(IReadOnlyList<object> inputs, Memory<float> destination, CancellationToken cancellationToken);

    public static ModalityEncoder Create<TInput>(IEncoder<TInput> encoder) => new Typed<TInput>(encoder);

    private sealed class Typed<TInput>(IEncoder<TInput> encoder) : ModalityEncoder
    {
        public override Type InputType => typeof(TInput);

        public override EncoderIdentity Identity => encoder.Identity;

        public override int Dimension => encoder.Dimension;

        public override bool Accepts(object input) => input is TInput;

        public override void Encode(object input, Span<float> destination)
        {
            if (encoder is EncoderBase<TInput> inProcess)
            {
                inProcess.Encode((TInput)input, destination);
                return;
            }

            // Encoders that only offer the asynchronous Microsoft.Extensions.AI contract (remote or ONNX
            // generators) are waited on; the async collection members avoid this.
            GeneratedEmbeddings<Embedding<float>> result = encoder.GenerateAsync([(TInput)input]).GetAwaiter().GetResult();
            CopyRows(result, destination);
        }

        public override void EncodeBatch(IReadOnlyList<object> inputs, Span<float> destination, CancellationToken cancellationToken)
        {
            TInput[] typed = Cast(inputs);
            if (encoder is EncoderBase<TInput> inProcess)
            {
                inProcess.EncodeBatch(typed, destination, cancellationToken);
                return;
            }

            GeneratedEmbeddings<Embedding<float>> result = encoder.GenerateAsync(typed, cancellationToken: cancellationToken).GetAwaiter().GetResult();
            CopyRows(result, destination);
        }

        public override async Task EncodeAsync(IReadOnlyList<object> inputs, Memory<float> destination, CancellationToken cancellationToken)
        {
            TInput[] typed = Cast(inputs);
            GeneratedEmbeddings<Embedding<float>> result = await encoder.GenerateAsync(typed, cancellationToken: cancellationToken).ConfigureAwait(false);
            CopyRows(result, destination.Span);
        }

        private static TInput[] Cast(IReadOnlyList<object> inputs)
        {
            var typed = new TInput[inputs.Count];
            for (int i = 0; i < typed.Length; i++)
            {
                typed[i] = (TInput)inputs[i];
            }

            return typed;
        }

        private void CopyRows(GeneratedEmbeddings<Embedding<float>> result, Span<float> destination)
        {
            int rows = destination.Length / Dimension;
            if (result.Count != rows)
            {
                throw new InvalidOperationException($"Encoder {Identity} returned {result.Count} embeddings for {rows} inputs.");
            }

            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<float> vector = result[i].Vector.Span;
                if (vector.Length != Dimension)
                {
                    throw new InvalidOperationException($"Encoder {Identity} returned a {vector.Length}-dimensional embedding; it declares {Dimension}.");
                }

                vector.CopyTo(destination.Slice(i * Dimension, Dimension));
            }
        }
    }
}
