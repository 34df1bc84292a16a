namespace Cloudnet.Ipamd.Logging;

/// <summary>
/// Every log event id of the daemon (range 3000-3999), in one place so they stay stable and
/// unique. Grouped by hundreds-of-tens: 30xx start/stop, 302x RPCs, 304x reconciler, 306x state.
/// </summary>
public static class EventIds
{
    /// <summary>The daemon is starting.</summary>
    public const int Starting = 3000;

    /// <summary>The daemon is ready: socket open, pool loaded.</summary>
    public const int Ready = 3001;

    /// <summary>Shutdown began.</summary>
    public const int Stopping = 3002;

    /// <summary>Shutdown finished: state persisted, socket removed.</summary>
    public const int Stopped = 3003;

    /// <summary>Start failed; the daemon exits.</summary>
    public const int StartFailed = 3004;

    /// <summary>The checkpoint was loaded.</summary>
    public const int CheckpointLoaded = 3005;

    /// <summary>A socket file left by a previous daemon was removed.</summary>
    public const int StaleSocketRemoved = 3006;

    /// <summary>An allocation whose pod network namespace is gone was released at start.</summary>
    public const int NetnsGoneReleased = 3007;

    /// <summary>A release the CNI spooled while the daemon was down was applied.</summary>
    public const int SpooledReleaseApplied = 3008;

    /// <summary>A spool file could not be read.</summary>
    public const int SpoolFileCorrupt = 3012;

    /// <summary>Allocations whose address the provider no longer reports.</summary>
    public const int OrphanAllocations = 3009;

    /// <summary>A local CIDR is larger than one local interface uses.</summary>
    public const int LocalRangeCapped = 3010;

    /// <summary>The node description was read from the provider.</summary>
    public const int NodeDescribed = 3011;

    /// <summary>The conflist was written into CLOUDNET_CNI_CONF_DIR once the daemon was ready.</summary>
    public const int ConflistInstalled = 3013;

    /// <summary>The conflist in CLOUDNET_CNI_CONF_DIR already had this content; nothing was written.</summary>
    public const int ConflistUnchanged = 3014;

    /// <summary>Writing the conflist failed; the daemon keeps serving and retries with backoff.</summary>
    public const int ConflistInstallFailed = 3015;

    /// <summary>ADD handed out a new address.</summary>
    public const int AddAssigned = 3020;

    /// <summary>A repeated ADD got the key's existing address.</summary>
    public const int AddRepeated = 3021;

    /// <summary>ADD found the pool empty and waits for the reconciler.</summary>
    public const int AddWaiting = 3022;

    /// <summary>ADD gave up after CLOUDNET_ADD_WAIT.</summary>
    public const int AddExhausted = 3023;

    /// <summary>DEL released an address into cooldown.</summary>
    public const int DelReleased = 3024;

    /// <summary>DEL of an unknown key (success).</summary>
    public const int DelUnknown = 3025;

    /// <summary>GC released an allocation not in the runtime's valid list.</summary>
    public const int GcReleased = 3026;

    /// <summary>A request was refused with a status code.</summary>
    public const int RequestRejected = 3027;

    /// <summary>The reconciler computed a non-empty plan.</summary>
    public const int ReconcilePlan = 3040;

    /// <summary>A provider call of the plan failed.</summary>
    public const int ProviderCallFailed = 3041;

    /// <summary>Prefix delegation hit InsufficientCidrBlocks; fell back to single addresses.</summary>
    public const int PrefixFallback = 3042;

    /// <summary>A reconcile round failed unexpectedly.</summary>
    public const int ReconcileFailed = 3043;

    /// <summary>The reconciler backs off after failures.</summary>
    public const int ReconcileBackoff = 3044;

    /// <summary>An interface was created and attached.</summary>
    public const int InterfaceCreated = 3045;

    /// <summary>Addresses or prefixes were assigned to an interface.</summary>
    public const int AddressesAssigned = 3046;

    /// <summary>Free addresses or prefixes were returned to the provider.</summary>
    public const int AddressesReleased = 3047;

    /// <summary>An unused interface was deleted.</summary>
    public const int InterfaceDeleted = 3048;

    /// <summary>Programming node networking failed.</summary>
    public const int NodeNetworkFailed = 3049;

    /// <summary>A surplus began to be held back by CLOUDNET_RELEASE_DELAY.</summary>
    public const int ReleaseHeld = 3050;

    /// <summary>The release delay learned from a release: doubled after a premature one, halved after one that held.</summary>
    public const int ReleaseDelayChanged = 3051;

    /// <summary>The pod IP capacity was published on the Node object.</summary>
    public const int NodeCapacityPublished = 3070;

    /// <summary>Reading or patching the Node object failed; retried.</summary>
    public const int NodeCapacityFailed = 3071;

    /// <summary>The kubelet admits more pods than the node has pod addresses.</summary>
    public const int NodeCapacityMismatch = 3072;

    /// <summary>The provider has no pod IP capacity to publish.</summary>
    public const int NodeCapacityUnknown = 3073;

    /// <summary>Writing the checkpoint failed.</summary>
    public const int CheckpointWriteFailed = 3060;
}
