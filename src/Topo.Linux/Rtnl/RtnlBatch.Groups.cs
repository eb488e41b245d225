namespace Topo.Linux.Rtnl;

/// <summary>Link groups, which let one request delete many interfaces.</summary>
public sealed partial class RtnlBatch
{
    /// <summary>Puts the interface with index <paramref name="index"/> (named <paramref name="name"/>) in link group <paramref name="group"/>, as <c>ip link set NAME group N</c> does.</summary>
    public RtnlBatch SetGroup(int index, string name, uint group) =>
        Queue(RtnlTypes.NewLink, 0, $"putting '{name}' in link group {group} in {Here}", [], _ =>
        {
            W.Struct(new IfInfoMsg { Index = index });
            W.U32(Ifla.Group, group);
        });

    /// <summary>
    /// Deletes every interface in link group <paramref name="group"/> with one request, as
    /// <c>ip link delete group N</c> does (veth peers go too, wherever they are). The kernel refuses
    /// group 0, and the whole request when one member is a kind it cannot delete.
    /// </summary>
    public RtnlBatch DeleteGroup(uint group) =>
        Queue(RtnlTypes.DelLink, 0, $"deleting link group {group} in {Here}", [], _ =>
        {
            W.Struct(new IfInfoMsg());
            W.U32(Ifla.Group, group);
        }, _ => _indexes.Clear());
}
