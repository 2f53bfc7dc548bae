import { redirect } from "next/navigation";

export default async function StoreIndex({ params }: { params: Promise<{ storeId: string }> }) {
  redirect(`/s/${(await params).storeId}/dashboard`);
}
