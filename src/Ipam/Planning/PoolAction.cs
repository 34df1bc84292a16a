using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Planning;

/// <summary>One step of a <see cref="PoolPlan"/>, executed by the reconciler through the provider.</summary>
public abstract record PoolAction;

/// <summary>Assign <paramref name="Count"/> secondary addresses to the interface.</summary>
public sealed record AssignAddresses(string InterfaceId, int Count) : PoolAction;

/// <summary>Assign <paramref name="Count"/> delegated prefixes to the interface.</summary>
public sealed record AssignPrefixes(string InterfaceId, int Count) : PoolAction;

/// <summary>Create and attach one interface with <paramref name="Addresses"/> secondary addresses or
/// <paramref name="Prefixes"/> delegated prefixes assigned at creation (0 and 0: the next plan fills it).</summary>
public sealed record CreateInterface(int Addresses = 0, int Prefixes = 0) : PoolAction;

/// <summary>Return these free addresses to the cloud.</summary>
public sealed record ReleaseAddresses(string InterfaceId, IReadOnlyList<IPAddress> Addresses) : PoolAction;

/// <summary>Return these unused prefixes to the cloud.</summary>
public sealed record ReleasePrefixes(string InterfaceId, IReadOnlyList<Cidr> Prefixes) : PoolAction;

/// <summary>Detach and delete an interface that holds no assigned or cooling address.</summary>
public sealed record DeleteInterface(string InterfaceId) : PoolAction;
