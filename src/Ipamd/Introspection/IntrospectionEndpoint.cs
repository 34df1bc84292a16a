namespace Cloudnet.Ipamd.Introspection;

/// <summary>
/// An extra GET endpoint on the introspection listener, answered with JSON. Providers register
/// theirs as singletons in <see cref="Providers.ProviderDefinition.Register"/>, e.g. the bare-metal
/// provider's "/v1/bgp": <c>services.AddSingleton(new IntrospectionEndpoint("/v1/bgp", (sp, ct) => ...))</c>.
/// </summary>
/// <param name="Path">Route, starting with "/".</param>
/// <param name="Handler">Produces the JSON body (serialised with web defaults: camelCase).</param>
public sealed record IntrospectionEndpoint(string Path, Func<IServiceProvider, CancellationToken, Task<object?>> Handler);
