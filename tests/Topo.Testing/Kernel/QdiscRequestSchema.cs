namespace Topo.Testing.Kernel;

/// <summary>
/// RTM_NEWQDISC and RTM_DELQDISC as linux/rtnetlink.h and linux/pkt_sched.h lay them out, with TCA_OPTIONS read as the
/// given qdisc's. The numbers are written here from the headers, not taken from topo's constants.
/// </summary>
public static class QdiscRequestSchema
{
    private const ushort NewQdiscType = 36;
    private const ushort DelQdiscType = 37;
    private const int TcMsgSize = 20;
    private const int NetemQoptSize = 24;

    public static RequestSchema NewQdiscOf(string kind) => new(NewQdiscType, "RTM_NEWQDISC", TcMsgSize, Qdisc(kind));

    public static RequestSchema DelQdisc => new(DelQdiscType, "RTM_DELQDISC", TcMsgSize, Qdisc("?"));

    private static AttributeSet Qdisc(string kind) => Set(
        (1, new("TCA_KIND", AttributeShape.String)),
        (2, Options(kind)));

    private static AttributeSpec Options(string kind) => kind switch
    {
        "netem" => new("TCA_OPTIONS", AttributeShape.Nested, Set(
            (AttributeSet.LeadingStruct, new("tc_netem_qopt")),
            (1, new("TCA_NETEM_CORR")),
            (3, new("TCA_NETEM_REORDER")),
            (4, new("TCA_NETEM_CORRUPT")),
            (5, new("TCA_NETEM_LOSS")),
            (6, new("TCA_NETEM_RATE")),
            (8, new("TCA_NETEM_RATE64")),
            (10, new("TCA_NETEM_LATENCY64")),
            (11, new("TCA_NETEM_JITTER64"))), NetemQoptSize),
        "tbf" => new("TCA_OPTIONS", AttributeShape.Nested, Set(
            (1, new("TCA_TBF_PARMS")),
            (2, new("TCA_TBF_RTAB")),
            (3, new("TCA_TBF_PTAB")),
            (4, new("TCA_TBF_RATE64")),
            (6, new("TCA_TBF_BURST")))),
        _ => new("TCA_OPTIONS"),
    };

    private static AttributeSet Set(params (ushort Type, AttributeSpec Spec)[] specs) => new(specs.ToDictionary(s => s.Type, s => s.Spec));
}
