namespace Cloudnet.Dataplane.Netlink;

/// <summary>What a FIB rule does when it matches (FR_ACT_* in include/uapi/linux/fib_rules.h).</summary>
public enum RuleAction : byte
{
    /// <summary>FR_ACT_UNSPEC (reported only).</summary>
    Unspecified = 0,

    /// <summary>FR_ACT_TO_TBL: look the destination up in the rule's table.</summary>
    ToTable = 1,

    /// <summary>FR_ACT_GOTO: jump to another rule.</summary>
    Goto = 2,

    /// <summary>FR_ACT_NOP.</summary>
    Nop = 3,

    /// <summary>FR_ACT_BLACKHOLE: drop silently.</summary>
    Blackhole = 6,

    /// <summary>FR_ACT_UNREACHABLE: drop with network unreachable.</summary>
    Unreachable = 7,

    /// <summary>FR_ACT_PROHIBIT: drop with administratively prohibited.</summary>
    Prohibit = 8,
}
