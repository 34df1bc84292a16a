namespace Cloudnet.Testing.Contracts;

/// <summary>Parts of the provider contract a backend may lack (e.g. real LocalStack has no prefix
/// delegation); the contract tests skip them with the backend's printed reason.</summary>
public enum ContractFeature
{
    /// <summary>Delegated prefixes (AssignPrefixes / ReleasePrefixes).</summary>
    Prefixes,

    /// <summary>Per-interface address limits enforced as Capacity errors.</summary>
    AddressLimits,

    /// <summary>Per-node interface limits enforced as Capacity errors.</summary>
    InterfaceLimits,

    /// <summary>NotFound for unknown interface ids on assign and release.</summary>
    NotFoundOnUnknownIds,
}
