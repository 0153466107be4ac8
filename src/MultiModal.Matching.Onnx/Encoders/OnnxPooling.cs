namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>How a model's output tensor becomes one embedding per batch item.</summary>
public enum OnnxPooling
{
    /// <summary>
    /// Everything after the batch dimension is the embedding: for outputs already pooled by the model, such as
    /// CLIP's <c>image_embeds</c>/<c>text_embeds</c> <c>[batch, dim]</c> or a sentence model's <c>pooler_output</c>.
    /// </summary>
    Flatten = 0,

    /// <summary>The first position of a <c>[batch, tokens, dim]</c> output: BERT's [CLS] token.</summary>
    First = 1,

    /// <summary>
    /// The mean over positions of a <c>[batch, tokens, dim]</c> output, counting only positions whose attention
    /// mask is 1 (sentence-transformers' mean pooling); every position when there is no mask.
    /// </summary>
    MaskedMean = 2,
}
