import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "~/components/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Agent Builder", template: "%s · Agent Builder" },
  description: "From 'I need an AI agent for X' to a verified, deployable agent project on AWS.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
