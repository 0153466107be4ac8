using Microsoft.Extensions.Logging;
using MultiModal.Matching;
using MultiModal.Matching.DependencyInjection;

// Extension methods for IServiceCollection live in its namespace by convention, so that they need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="MultiModalCollection"/> in a service collection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="MultiModalCollection"/> as a singleton, created (or opened) on first use and
    /// disposed with the container. Resolve it wherever matching is needed; it is safe to share between threads.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the schema, the directory (or none for in-memory) and the collection options;
    /// it receives the service provider so encoders can be resolved from the container.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>Resolving the collection throws <see cref="InvalidOperationException"/> when the callback sets no schema.</remarks>
    public static IServiceCollection AddMultiModalMatching(
        this IServiceCollection services, Action<IServiceProvider, MultiModalMatchingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(provider =>
        {
            var options = new MultiModalMatchingOptions();
            configure(provider, options);
            CollectionSchema schema = options.Schema
                ?? throw new InvalidOperationException("AddMultiModalMatching: the configure callback must set MultiModalMatchingOptions.Schema.");
            MultiModalCollectionOptions collectionOptions = options.Collection.Clone();
            collectionOptions.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            return options.Directory is null
                ? MultiModalCollection.CreateInMemory(schema, collectionOptions)
                : MultiModalCollection.OpenOrCreate(options.Directory, schema, collectionOptions);
        });
        return services;
    }

    /// <summary>Registers one <see cref="MultiModalCollection"/> as a singleton; see the overload with a service provider.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the schema, the directory (or none for in-memory) and the collection options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddMultiModalMatching(this IServiceCollection services, Action<MultiModalMatchingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddMultiModalMatching((_, options) => configure(options));
    }
}
