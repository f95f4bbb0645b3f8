export { DapplinkError, type DapplinkErrorParameters } from './errors/base.js'
