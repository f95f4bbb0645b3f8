'use client'
import type { WalletClient } from '@dapplink/core'
import { createContext } from 'react'

/** The wallet client the nearest `<DapplinkProvider>` gives its tree. */
export const DapplinkContext = createContext<WalletClient | undefined>(undefined)
